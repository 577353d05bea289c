// The AoR key is `user` or `user@domain` (use_domain); the table keeps the two parts apart.

export interface AorParts {
  username: string;
  domain: string | undefined;
}

export function splitAor(aor: string, useDomain: boolean): AorParts {
  if (!useDomain) return { username: aor, domain: undefined };
  const at = aor.lastIndexOf('@');
  if (at < 0) return { username: aor, domain: undefined };
  return { username: aor.slice(0, at), domain: aor.slice(at + 1) };
}

export function joinAor(username: string, domain: string | undefined, useDomain: boolean): string {
  return useDomain && domain ? `${username}@${domain}` : username;
}
