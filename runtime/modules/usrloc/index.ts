// usrloc public surface: the location store the registrar (and $ulc) works on.
export { Usrloc, type UsrlocOptions, type DbMode } from './usrloc.js';
export type { UDomain, RecordHandle } from './domain.js';
export { type UContact, type ContactInfo, Q_UNSPECIFIED, FL_MEM, isValidContact } from './contact.js';
export type { LocationBackend, LocationRow, Clock } from './ports.js';
export { systemClock } from './ports.js';
export { ALL_METHODS, methodAllowed, methodBit, parseMethodList } from './methods.js';
export { checkCseq, findContact, type MatchingMode, type CseqCheck } from './record.js';
export { locationBackend } from './db-backend.js';
export { usrlocOptionsFrom, createUsrloc, locationColumnsFrom, type ModparamReader } from './params.js';
