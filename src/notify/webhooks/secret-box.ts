// Webhook signing secrets at rest. A secret must be read back to sign, so it cannot be stored
// as a hash (unlike passwords and API tokens): it is encrypted with AES-256-GCM under a key
// derived from SECMOD_CHAIN_KEY, with the endpoint id as associated data (a ciphertext copied
// to another row does not decrypt). Trade-off: a database dump alone does not reveal secrets,
// but whoever has both the database and the chain key can sign as secmod; rotating the chain
// key means re-registering endpoints.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export interface SecretBox {
  seal(secret: string, endpointId: string): string;
  open(sealed: string, endpointId: string): string;
}

export function secretBox(chainKey: string): SecretBox {
  const key = createHmac('sha256', chainKey).update('secmod-webhook-secrets-v1').digest();
  return {
    seal: (secret, endpointId) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(endpointId, 'utf8'));
      const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join(':');
    },
    open: (sealed, endpointId) => {
      const [v, iv, tag, ct] = sealed.split(':');
      if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unknown webhook secret format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(endpointId, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/** A new signing secret: 32 random bytes, shown to the registering user once. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;
