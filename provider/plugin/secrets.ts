/**
 * Secret values on the provider protocol. The plugin tells the engine it accepts secrets, so a
 * secret input arrives wrapped in the engine's secret marker object and the plugin decides what
 * it returns as secret: whatever came in secret, and the inputs the schema marks secret (the
 * password), so the state never holds them in plaintext.
 */

/** The engine's marker: an object with this key and value is a secret; its `value` is the plain value. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

type Props = Record<string, unknown>;

function isSecret(value: unknown): value is { value: unknown } {
  return value !== null && typeof value === "object" && (value as Props)[SIG_KEY] === SECRET_SIG;
}

/** `value` with every secret marker replaced by its plain value, at any depth. */
export function reveal(value: unknown): unknown {
  if (isSecret(value)) return reveal(value.value);
  if (Array.isArray(value)) return value.map(reveal);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
  }
  return value;
}

/** The top-level keys of `props` whose value is, or contains, a secret. */
export function secretKeys(props: Props | undefined): Set<string> {
  const keys = new Set<string>();
  const contains = (value: unknown): boolean =>
    isSecret(value) || (Array.isArray(value) ? value.some(contains) : value !== null && typeof value === "object" && Object.values(value).some(contains));
  for (const [key, value] of Object.entries(props ?? {})) if (contains(value)) keys.add(key);
  return keys;
}

/** A copy of `props` with the values under `keys` wrapped as secrets. */
export function conceal(props: Props, keys: Iterable<string>): Props {
  const out: Props = { ...props };
  for (const key of keys) {
    if (out[key] !== undefined && out[key] !== null) out[key] = { [SIG_KEY]: SECRET_SIG, value: out[key] };
  }
  return out;
}
