// How to reach a Temporal cluster beyond its address: TLS (server CA, server name, client
// certificate for mTLS) and an API key (Temporal Cloud), read by Temporal's own environment
// configuration package, so cubcanvas takes exactly the variables and TOML profiles the `temporal`
// CLI and every other SDK take (TEMPORAL_TLS_*, TEMPORAL_API_KEY, TEMPORAL_PROFILE, ...).
import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';

/** What both Connection.connect and NativeConnection.connect take, besides the address. */
export interface TemporalSecurity {
  tls?: TLSConfig | boolean;
  apiKey?: string;
  metadata?: Record<string, string>;
}

export interface TemporalConnectionSettings {
  address: string | undefined;
  namespace: string | undefined;
  security: TemporalSecurity;
  /** For messages and `config`: "TLS (mTLS), API key", or "plaintext"; never a secret. */
  description: string;
}

type Env = Record<string, string | undefined>;

/**
 * The connection settings from the environment. A TOML file is read only when TEMPORAL_CONFIG_FILE
 * or TEMPORAL_PROFILE says so: a developer's ~/.config/temporalio/temporal.toml must not silently
 * send the demo and the tests to another cluster.
 */
export function loadTemporalConnection(env: Env, onError: (setting: string, message: string) => never): TemporalConnectionSettings {
  const vars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
  let loaded: ReturnType<typeof loadClientConnectConfig>;
  try {
    loaded = loadClientConnectConfig({ overrideEnvVars: vars, disableFile: !vars.TEMPORAL_CONFIG_FILE && !vars.TEMPORAL_PROFILE });
  } catch (err) {
    const setting = vars.TEMPORAL_CONFIG_FILE ? 'TEMPORAL_CONFIG_FILE' : vars.TEMPORAL_PROFILE ? 'TEMPORAL_PROFILE' : 'TEMPORAL_TLS';
    return onError(setting, (err as Error).message);
  }
  const { address, tls, apiKey, metadata } = loaded.connectionOptions;
  const security: TemporalSecurity = {};
  if (tls) security.tls = tls;
  if (apiKey) security.apiKey = apiKey;
  // TEMPORAL_GRPC_META_* values are strings; the SDK's type also allows binary ones.
  const textMetadata = Object.entries(metadata ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string');
  if (textMetadata.length) security.metadata = Object.fromEntries(textMetadata);
  const parts: string[] = [];
  if (tls) parts.push(typeof tls === 'object' && tls.clientCertPair ? 'TLS (mTLS)' : 'TLS');
  if (apiKey) parts.push('API key');
  return { address: address || undefined, namespace: loaded.namespace || undefined, security, description: parts.join(', ') || 'plaintext' };
}

/** The security settings when `address` is the configured cluster; none for an embedded server. */
export function securityFor(config: { temporalAddress: string | undefined; temporalSecurity: TemporalSecurity }, address: string): TemporalSecurity {
  return address === config.temporalAddress ? config.temporalSecurity : {};
}
