import argon2 from 'argon2';

/**
 * Passwords are kept only as argon2id hashes (salted, memory-hard; the library's
 * defaults follow RFC 9106's recommendations: 64 MiB, 3 passes, 4 lanes).
 */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

let dummyHash: Promise<string> | undefined;

/**
 * Whether the password matches the hash. Without an account (`hash` undefined) it still
 * verifies against a throw-away hash and answers false, so a login for an unknown e-mail
 * takes as long as one with a wrong password and timing does not reveal which accounts exist.
 */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword('not the password of any account');
  const matches = await argon2.verify(hash ?? (await dummyHash), password).catch(() => false);
  return hash !== undefined && matches;
}
