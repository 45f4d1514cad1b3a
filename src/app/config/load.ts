/** loadConfig: file (optional) + `ARB_*` env overrides → a validated Config, or every problem at once. */
import { err, ok, type Result } from '../../core/errors.ts';
import { envSourceOf, readEnvOverrides, type Env } from './env-overrides.ts';
import { fromZodIssues, type ConfigIssue } from './issues.ts';
import { readConfigFile } from './read-file.ts';
import { ConfigSchema, type Config } from './schema.ts';

export interface LoadConfigOptions {
  /** YAML or JSON file; omitted means defaults plus env. */
  file?: string | undefined;
  env: Env;
  /** Directory a relative `file` is read from (default: the process's); issues name the file as given. */
  cwd?: string | undefined;
}

export function loadConfig(options: LoadConfigOptions): Result<Config, ConfigIssue[]> {
  const env = readEnvOverrides(ConfigSchema, options.env);
  let fromFile: Record<string, unknown> = {};
  if (options.file !== undefined) {
    const read = readConfigFile(options.file, options.cwd);
    // Without the file there is nothing sensible to validate; still report the env problems alongside.
    if (!read.ok) return err([...read.error, ...env.issues]);
    fromFile = read.value;
  }
  const parsed = ConfigSchema.safeParse(mergeDeep(fromFile, env.values));
  const schemaIssues = parsed.success
    ? []
    : fromZodIssues(ConfigSchema, parsed.error.issues).map((issue) => {
        const source = envSourceOf(env.sources, issue.path);
        return source ? { ...issue, message: `${issue.message} (set by ${source})` } : issue;
      });
  const issues = [...env.issues, ...schemaIssues];
  if (issues.length > 0 || !parsed.success) return err(issues);
  return ok(parsed.data);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` wins; nested objects merge key by key so an env override leaves sibling file keys alone. */
function mergeDeep(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeDeep(current, value) : value;
  }
  return out;
}
