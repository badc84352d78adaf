import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errors, jwtVerify, SignJWT } from 'jose';
import { writeFileAtomically } from './storage/write-file-atomically.js';

/** What a token lets its holder touch: one usecase in one scope. */
export interface ObjectStoreGrant {
  usecase: string;
  scopes: string;
}

export type TokenCheck = { ok: true; grant: ObjectStoreGrant } | { ok: false; detail: string };

/**
 * Signs and checks the object store's own JWTs (HS256). The key is kept in the data folder so
 * tokens survive a restart; revoking replaces it, which invalidates every token issued so far.
 */
export class ObjectStoreTokens {
  readonly #path: string;
  readonly #ttlSeconds: number;
  #key: Uint8Array = new Uint8Array();
  /** Tokens already verified, so the hot path of thousands of HEADs skips the HMAC. */
  readonly #verified = new Map<string, { grant: ObjectStoreGrant; expiresAt: number }>();

  private constructor(dataDir: string, ttlSeconds: number) {
    this.#path = join(dataDir, 'object-store.key');
    this.#ttlSeconds = ttlSeconds;
  }

  static async open(dataDir: string, ttlSeconds: number): Promise<ObjectStoreTokens> {
    const tokens = new ObjectStoreTokens(dataDir, ttlSeconds);
    try {
      tokens.#key = await readFile(tokens.#path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await tokens.revokeAll();
    }
    return tokens;
  }

  issue(grant: ObjectStoreGrant): Promise<string> {
    return new SignJWT({ usecase: grant.usecase, scopes: grant.scopes })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime(`${this.#ttlSeconds}s`)
      .sign(this.#key);
  }

  async check(token: string): Promise<TokenCheck> {
    const known = this.#verified.get(token);
    if (known && known.expiresAt > Date.now()) return { ok: true, grant: known.grant };
    try {
      const { payload } = await jwtVerify(token, this.#key, { algorithms: ['HS256'] });
      if (typeof payload.usecase !== 'string' || typeof payload.scopes !== 'string') {
        return { ok: false, detail: 'Invalid token claims' };
      }
      const grant = { usecase: payload.usecase, scopes: payload.scopes };
      if (this.#verified.size > 10_000) this.#verified.clear();
      this.#verified.set(token, { grant, expiresAt: (payload.exp ?? 0) * 1000 });
      return { ok: true, grant };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, detail: 'Token expired' };
      return { ok: false, detail: 'Invalid token' };
    }
  }

  async revokeAll(): Promise<void> {
    this.#verified.clear();
    this.#key = randomBytes(32);
    await writeFileAtomically(this.#path, this.#key);
  }
}
