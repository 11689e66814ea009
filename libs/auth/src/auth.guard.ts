import {
  Inject,
  Injectable,
  Optional,
  SetMetadata,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AUTH_ATTEMPTS, type AuthAttempts } from './auth-attempts';
import { NotAuthenticatedError } from './errors';
import type { Principal } from './principal';
import type { TokenVerifier } from './verify-token';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
const IS_PUBLIC = 'leap:public';

/** Marks a route that needs no token (health probes, API docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Every route needs `Authorization: Bearer <JWT>` unless marked @Public(). When AuthAttempts are
 * provided, a client refused by them is answered before its token is even read, and every token
 * that fails verification counts against it (a request without a token costs nothing to refuse).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verify: TokenVerifier,
    @Optional() @Inject(AUTH_ATTEMPTS) private readonly attempts?: AuthAttempts,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    await this.attempts?.admit(request);
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new NotAuthenticatedError('Authorization: Bearer <token> is required');
    }
    try {
      request.principal = await this.verify(token);
    } catch (error) {
      if (error instanceof NotAuthenticatedError) await this.attempts?.failed(request);
      throw error;
    }
    return true;
  }
}

/** The authenticated principal of the request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new NotAuthenticatedError('No authenticated principal');
  return principal;
});
