// Registrar failure reasons with the reply Kamailio sends for each (registrar rerrno.h/reply.c):
// the status code, and the text of the P-Registrar-Error header added to every non-200 reply.

export interface RegError {
  readonly code: number;
  readonly info: string;
}

function e(code: number, info: string): RegError {
  return { code, info };
}

export const R = {
  UL_DEL_R: e(500, 'usrloc_record_delete failed'),
  UL_GET_R: e(500, 'usrloc_record_get failed'),
  UL_NEW_R: e(500, 'usrloc_record_new failed'),
  INV_CSEQ: e(400, 'Invalid CSeq number'),
  UL_INS_C: e(500, 'usrloc_contact_insert failed'),
  UL_DEL_C: e(500, 'usrloc_contact_delete failed'),
  UL_UPD_C: e(500, 'usrloc_contact_update failed'),
  TO_USER: e(400, 'No username in To URI'),
  AOR_LEN: e(500, 'Address Of Record too long'),
  AOR_PARSE: e(400, 'Error while parsing AOR'),
  INV_EXP: e(400, 'Invalid expires param in contact'),
  INV_Q: e(400, 'Invalid q param in contact'),
  PARSE: e(400, 'Message parse error'),
  TO_MISS: e(400, 'To header not found'),
  CID_MISS: e(400, 'Call-ID header not found'),
  CS_MISS: e(400, 'CSeq header not found'),
  PARSE_EXP: e(400, 'Expires parse error'),
  PARSE_CONT: e(400, 'Contact parse error'),
  STAR_EXP: e(400, '* used in contact and expires is not zero'),
  STAR_CONT: e(400, '* used in contact and more than 1 contact'),
  UNESCAPE: e(400, 'Error while unescaping username'),
  TOO_MANY: e(503, 'Too many registered contacts'),
  CONTACT_LEN: e(400, 'Contact/received too long'),
  CALLID_LEN: e(400, 'Callid too long'),
  // min_expires_mode=1 (RFC 3261 §10.3 step 7): the reply also carries Min-Expires.
  LOW_EXP: e(423, 'Expires too brief'),
} as const;

/** Reason phrases registrar uses for its reply codes. */
export function reasonPhrase(code: number): string {
  switch (code) {
    case 200:
      return 'OK';
    case 400:
      return 'Bad Request';
    case 423:
      return 'Interval Too Brief';
    case 503:
      return 'Service Unavailable';
    default:
      return 'Server Internal Error';
  }
}

/** Thrown inside save() to leave with a registrar error. */
export class RegistrarFailure extends Error {
  constructor(readonly reason: RegError) {
    super(reason.info);
  }
}
