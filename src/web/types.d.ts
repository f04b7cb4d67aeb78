import type { Principal } from '../app/identity/principal.ts';
import type { Services } from '../app/services.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
    /** How the principal was authenticated. */
    authMethod: 'session' | 'token' | undefined;
  }
}
