// Minimal types for the npm `sip` package (0.0.6 ships none); only what the agreement test and bench use.
declare module 'sip' {
  interface SipNpmVia {
    version: string;
    protocol: string;
    host: string;
    port?: number;
    params: Record<string, string | null>;
  }
  interface SipNpmAor {
    name?: string;
    uri: string;
    params: Record<string, string | null>;
  }
  interface SipNpmMessage {
    method?: string;
    uri?: string;
    status?: number;
    reason?: string;
    version: string;
    headers: {
      via?: SipNpmVia[];
      from?: SipNpmAor;
      to?: SipNpmAor;
      'call-id'?: string;
      cseq?: { seq: number; method: string };
      contact?: SipNpmAor[] | '*';
      [name: string]: unknown;
    };
    /** Body as a 'binary' (latin1) string: one character per byte. */
    content: string;
  }
  const sip: {
    parse(data: Buffer | string): SipNpmMessage | undefined;
    stringify(message: SipNpmMessage): string;
  };
  export default sip;
}
