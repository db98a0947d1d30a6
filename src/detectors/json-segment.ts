/**
 * The JSON object a base64url segment encodes (a JWT's header or claims, a token's payload), or
 * undefined when it is not one: what rules that check a token's structure decode.
 */
export function jsonSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The claims of a JWT-shaped value (its second segment), or undefined. */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  return payload === undefined ? undefined : jsonSegment(payload);
}
