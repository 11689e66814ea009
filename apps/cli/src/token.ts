/**
 * Prints a development token signed with the embedded secret (created in the data dir if absent).
 *   npm run token -- --role coordinator --district d1 [--school sch-1]... [--sub user-1] [--name "Ana"] [--expires 12h]
 */
import { parseArgs } from 'node:util';
import { loadAuthConfig } from '../../../libs/auth/src/auth-config';
import { mintEmbeddedToken } from '../../../libs/auth/src/mint-token';
import { ROLES, STATE_WIDE_ROLES, type Role } from '../../../libs/auth/src/principal';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      district: { type: 'string' },
      school: { type: 'string', multiple: true },
      sub: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string', default: '12h' },
    },
  });
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
  if (!values.district && !STATE_WIDE_ROLES.includes(role)) fail(`--district is required for role ${role}`);
  const config = loadAuthConfig(process.env);
  if (config.mode !== 'embedded') fail('Tokens can only be minted in embedded mode (LEAP_JWKS_URL is set)');
  const token = await mintEmbeddedToken(
    config.secret,
    {
      sub: values.sub ?? `dev-${role}`,
      role,
      ...(values.name ? { name: values.name } : {}),
      ...(values.district ? { districtId: values.district } : {}),
      ...(values.school ? { schoolIds: values.school } : {}),
    },
    values.expires,
  );
  process.stdout.write(`${token}\n`);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

void main();
