// msilo public surface.
export { Msilo, type MsiloOptions } from './msilo.js';
export { DEFAULT_MSILO_CONFIG, type MsiloConfig, type MsiloFlavor } from './config.js';
export type { MsiloRequest, MsiloUac, MsiloStorage, UacRequest } from './ports.js';
export { ctime, rfc1123 } from './time-format.js';
export { registerAcceptsMessage } from './dump.js';
export { tmUac, localRequestSpec } from './tm-uac.js';
export { msiloConfigFrom, msiloFlavor, createMsilo, siloColumnsFrom } from './params.js';
export { MsiloFunctions, type MsiloAvps } from './script-binding.js';
export { siloStorage } from './db-storage.js';
