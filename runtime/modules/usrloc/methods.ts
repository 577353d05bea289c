// SIP method bitmask as Kamailio stores it in location.methods (parser/msg_parser.h), so a
// row written by serc means the same to a Kamailio sharing the table.
const METHOD_BITS: Readonly<Record<string, number>> = {
  INVITE: 1,
  CANCEL: 2,
  ACK: 4,
  BYE: 8,
  INFO: 16,
  REGISTER: 32,
  SUBSCRIBE: 64,
  NOTIFY: 128,
  MESSAGE: 256,
  OPTIONS: 512,
  PRACK: 1024,
  UPDATE: 2048,
  REFER: 4096,
  PUBLISH: 8192,
  KDMQ: 16384,
  GET: 32768,
  POST: 65536,
  PUT: 131072,
  DELETE: 262144,
};

export const METHOD_OTHER = 524288;
/** Every method allowed: what Kamailio assumes when a REGISTER has no Allow header. */
export const ALL_METHODS = 0xffffffff;

const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/;

/** Bit of one method name; unknown (extension) methods share METHOD_OTHER. */
export function methodBit(method: string): number {
  return METHOD_BITS[method.toUpperCase()] ?? METHOD_OTHER;
}

/** Parses a comma-separated method list (Allow body or contact `methods` param); undefined when malformed. */
export function parseMethodList(list: string): number | undefined {
  let text = list.trim();
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
  let mask = 0;
  for (const raw of text.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    if (!TOKEN.test(name)) return undefined;
    mask |= methodBit(name);
  }
  return mask >>> 0;
}

/** True when the stored mask (undefined = all) allows the method. */
export function methodAllowed(mask: number | undefined, method: string): boolean {
  if (mask === undefined) return true;
  return (mask & methodBit(method)) !== 0;
}
