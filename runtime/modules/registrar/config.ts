// Registrar settings (the modparams the registry's descriptor declares), with Kamailio's defaults.

export interface RegistrarConfig {
  defaultExpires: number;
  minExpires: number;
  /** 1 = answer 423 with Min-Expires instead of raising the value. */
  minExpiresMode: number;
  /** 0 = no limit. */
  maxExpires: number;
  /** q × 1000 used when a contact has no q; -1 = unspecified. */
  defaultQ: number;
  appendBranches: boolean;
  caseSensitive: boolean;
  realmPrefix: string;
  /** 0 = unlimited. */
  maxContacts: number;
  /** Seconds for Retry-After on 5xx replies; 0 = none. */
  retryAfter: number;
  methodFiltering: boolean;
  /** Contact parameter name used to list `received` in replies. */
  receivedParam: string;
  /** Store the Path vector of the REGISTER (use_path). */
  usePath: boolean;
}

export const DEFAULT_REGISTRAR_CONFIG: RegistrarConfig = {
  defaultExpires: 3600,
  minExpires: 60,
  minExpiresMode: 0,
  maxExpires: 0,
  defaultQ: -1,
  appendBranches: true,
  caseSensitive: false,
  realmPrefix: '',
  maxContacts: 0,
  retryAfter: 0,
  methodFiltering: false,
  receivedParam: 'received',
  usePath: false,
};
