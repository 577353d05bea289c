// Well-formed messages shared by the npm-sip agreement test and bench/sip.ts.

const CRLF = '\r\n';

function message(lines: string[], body = ''): Buffer {
  const b = Buffer.from(body, 'utf8');
  return Buffer.concat([
    Buffer.from(lines.join(CRLF) + CRLF + `Content-Length: ${b.length}` + CRLF + CRLF, 'utf8'),
    b,
  ]);
}

export const REGISTER = message([
  'REGISTER sip:example.com SIP/2.0',
  'Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-reg-1;rport',
  'Max-Forwards: 70',
  'From: "Alice" <sip:alice@example.com>;tag=reg-from-1',
  'To: "Alice" <sip:alice@example.com>',
  'Call-ID: reg-call-1@192.0.2.10',
  'CSeq: 1 REGISTER',
  'Contact: <sip:alice@192.0.2.10:5062;transport=udp>;expires=3600',
  'Expires: 3600',
  'User-Agent: serc-test',
]);

export const MESSAGE = message(
  [
    'MESSAGE sip:bob@example.com SIP/2.0',
    'Via: SIP/2.0/TCP 192.0.2.11:5070;branch=z9hG4bK-msg-1',
    'Max-Forwards: 70',
    'From: <sip:alice@example.com>;tag=msg-from-1',
    'To: <sip:bob@example.com>',
    'Call-ID: msg-call-1@192.0.2.11',
    'CSeq: 2 MESSAGE',
    'Content-Type: text/plain;charset=utf-8',
  ],
  'Привет, Боб! Grüße 👋 — offline message',
);

export const INVITE = message(
  [
    'INVITE sip:bob@biloxi.example.com SIP/2.0',
    'Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds',
    'Max-Forwards: 70',
    'To: Bob <sip:bob@biloxi.example.com>',
    'From: Alice <sip:alice@atlanta.example.com>;tag=1928301774',
    'Call-ID: a84b4c76e66710@pc33.atlanta.example.com',
    'CSeq: 314159 INVITE',
    'Contact: <sip:alice@pc33.atlanta.example.com>',
    'Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, MESSAGE',
    'Supported: replaces, timer',
    'Content-Type: application/sdp',
  ],
  [
    'v=0',
    'o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com',
    's=Session SDP',
    'c=IN IP4 192.0.2.101',
    't=0 0',
    'm=audio 49172 RTP/AVP 0 8 101',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:101 telephone-event/8000',
    '',
  ].join(CRLF),
);

export const OK_MULTI = message([
  'SIP/2.0 200 OK',
  'Via: SIP/2.0/UDP proxy2.example.com:5071;branch=z9hG4bK-p2;received=192.0.2.3',
  'Via: SIP/2.0/TCP proxy1.example.com;branch=z9hG4bK-p1',
  'Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;received=192.0.2.1',
  'From: <sip:alice@example.com>;tag=ok-from',
  'To: <sip:alice@example.com>;tag=ok-to',
  'Call-ID: ok-call@192.0.2.1',
  'CSeq: 5 REGISTER',
  'Contact: <sip:alice@192.0.2.1:5060>;expires=3600',
  'Contact: <sip:alice@198.51.100.7:5080;transport=tcp>;expires=120',
  'Date: Sat, 13 Nov 2010 23:29:00 GMT',
]);

export const SAMPLES: ReadonlyArray<readonly [string, Buffer]> = [
  ['REGISTER', REGISTER],
  ['MESSAGE (UTF-8 body)', MESSAGE],
  ['INVITE (SDP)', INVITE],
  ['200 OK (3 Vias, 2 Contacts)', OK_MULTI],
];
