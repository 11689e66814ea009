/**
 * Prints a development token signed with the embedded secret (created in the data dir if absent).
 *   npm run -s token -- --role coordinator --district d1 [--school sch-1]... [--sub user-1] [--name "Ana"] [--expires 12h]
 */
import { loadAuthConfig } from '../../../libs/auth/src/auth-config';
import { mintEmbeddedToken } from '../../../libs/auth/src/mint-token';
import { ROLES, STATE_WIDE_ROLES, type Role } from '../../../libs/auth/src/principal';
import { parseCommandLine, usageError } from './command-line';

const USAGE = `usage: npm run -s token -- --role <role> [--district <id>] [--school <id>]... [--sub <subject>]
                          [--name <name>] [--expires <duration>]

Prints a development token for the embedded authentication, signed with LEAP_JWT_SECRET or, when it
is unset, with the secret in LEAP_DATA_DIR/jwt-secret (created if absent). A server accepts it when it
has the same secret: the same LEAP_JWT_SECRET, or the same LEAP_DATA_DIR.

  --role <role>         ${ROLES.join(', ')}
  --district <id>       the district of the login (required unless ${STATE_WIDE_ROLES.join(' or ')})
  --school <id>         limits the login to a school of the district; repeat for several
  --sub <subject>       the login's subject (default dev-<role>); a home visitor's is their visitor subject
  --name <name>         display name
  --expires <duration>  lifetime, e.g. 30m, 12h, 7d (default 12h)
  -h, --help            prints this help
`;

async function main(): Promise<void> {
  const { values } = parseCommandLine(USAGE, {
    role: { type: 'string' },
    district: { type: 'string' },
    school: { type: 'string', multiple: true },
    sub: { type: 'string' },
    name: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  });
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) usageError(USAGE, `--role must be one of ${ROLES.join(', ')}`);
  if (!values.district && !STATE_WIDE_ROLES.includes(role))
    usageError(USAGE, `--district is required for role ${role}`);
  const config = loadAuthConfig(process.env);
  if (config.mode !== 'embedded') fail('Tokens can only be minted in embedded mode (LEAP_JWKS_URL is set)');
  const claims = {
    sub: values.sub ?? `dev-${role}`,
    role,
    ...(values.name ? { name: values.name } : {}),
    ...(values.district ? { districtId: values.district } : {}),
    ...(values.school ? { schoolIds: values.school } : {}),
  };
  let token: string;
  try {
    token = await mintEmbeddedToken(config.secret, claims, values.expires);
  } catch (error) {
    usageError(
      USAGE,
      `--expires ${values.expires}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  process.stdout.write(`${token}\n`);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
