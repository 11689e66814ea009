import {
  Inject,
  Injectable,
  SetMetadata,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { NotAuthenticatedError } from './errors';
import type { Principal } from './principal';
import type { TokenVerifier } from './verify-token';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
const IS_PUBLIC = 'leap:public';

/** Marks a route that needs no token (health probes, API docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

type AuthenticatedRequest = Request & { principal?: Principal };

/** Every route needs `Authorization: Bearer <JWT>` unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verify: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new NotAuthenticatedError('Authorization: Bearer <token> is required');
    }
    request.principal = await this.verify(token);
    return true;
  }
}

/** The authenticated principal of the request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new NotAuthenticatedError('No authenticated principal');
  return principal;
});
