// msilo settings as the modparams give them (names and defaults live in descriptor.ts); the
// flavour selects the behaviour that differs between SER, Kamailio and OpenSIPS.

export type MsiloFlavor = 'ser' | 'kamailio' | 'opensips';

export interface MsiloConfig {
  flavor: MsiloFlavor;
  /** SER/OpenSER `registrar`: From of the fixed English offline notice. */
  registrar?: string;
  /** `from_address` (spve). */
  fromAddress?: string;
  /** `offline_message` (spve): body of the notice. */
  offlineMessage?: string;
  /** `contact_hdr` (spve): full header(s) of the notice, CRLF included. */
  contactHdr?: string;
  /** `content_type_hdr` (spve): full header of the notice; required with offline_message. */
  contentTypeHdr?: string;
  /** `extra_hdrs` (spve): headers added to dumped MESSAGEs. */
  extraHdrs?: string;
  /** `reminder`: From of reminders; unset disables them. */
  reminder?: string;
  outboundProxy?: string;
  /** Seconds a stored message lives. */
  expireTime: number;
  /** Seconds between clean runs. */
  checkTime: number;
  /** Seconds between reminder runs; 0 = off. */
  sendTime: number;
  /** Expired rows are purged every clean_period clean runs. */
  cleanPeriod: number;
  useContact: boolean;
  addDate: boolean;
  /** Per owner; 0 = unlimited. */
  maxMessages: number;
  addContact: boolean;
  /** Message flag (0–31) that suppresses the offline notice; -1 = none. */
  skipNotificationFlag: number;
  /** Bit 1: store the Call-ID and reuse it when dumping. */
  useMode: number;
}

export const DEFAULT_MSILO_CONFIG: MsiloConfig = {
  flavor: 'kamailio',
  expireTime: 259200,
  checkTime: 60,
  sendTime: 0,
  cleanPeriod: 10,
  useContact: true,
  addDate: true,
  maxMessages: 0,
  addContact: false,
  skipNotificationFlag: -1,
  useMode: 0,
};

/** Kamailio refuses to start when a notice body has no Content-Type header to go with it. */
export function checkMsiloConfig(c: MsiloConfig): void {
  if (c.offlineMessage !== undefined && c.contentTypeHdr === undefined) {
    throw new Error('msilo: content_type_hdr must be set when offline_message is');
  }
}
