import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { loadAuthConfig } from './auth-config';
import { AuthGuard, TOKEN_VERIFIER } from './auth.guard';
import { createTokenVerifier } from './verify-token';

@Global()
@Module({
  providers: [
    { provide: TOKEN_VERIFIER, useFactory: () => createTokenVerifier(loadAuthConfig(process.env)) },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TOKEN_VERIFIER],
})
export class AuthModule {}
