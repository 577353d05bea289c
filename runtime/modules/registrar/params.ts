// Registrar settings from the script's modparams (names/defaults from the descriptor via the reader).
import type { ModparamReader } from '../usrloc/params.js';
import type { RegistrarConfig } from './config.js';

export function registrarConfigFrom(p: ModparamReader): RegistrarConfig {
  return {
    defaultExpires: p.int('default_expires'),
    minExpires: p.int('min_expires'),
    minExpiresMode: p.dialect === 'K3' ? p.int('min_expires_mode') : 0,
    maxExpires: p.int('max_expires'),
    // Kamailio's default_q is Q_UNSPECIFIED (registrar config.c): contacts without q are listed
    // without ";q=". Only an explicit setting changes that there.
    defaultQ: p.dialect === 'K3' && !p.has('default_q') ? -1 : p.int('default_q'),
    appendBranches: p.int('append_branches') !== 0,
    caseSensitive: p.int('case_sensitive') !== 0,
    realmPrefix: p.str('realm_prefix') ?? '',
    maxContacts: p.int('max_contacts'),
    retryAfter: p.int('retry_after'),
    methodFiltering: p.int('method_filtering') !== 0,
    receivedParam: p.str('received_param') ?? 'received',
    usePath: p.int('use_path') !== 0,
  };
}
