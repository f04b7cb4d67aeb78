import type { Principal } from '../app/identity/principal.ts';
import type { Services } from '../app/services.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    /** Every registered route (method and URL pattern). */
    routeCatalogue: readonly { readonly method: string; readonly url: string }[];
  }
  interface FastifyRequest {
    principal: Principal | undefined;
    /** How the principal was authenticated. */
    authMethod: 'session' | 'token' | undefined;
  }
}
