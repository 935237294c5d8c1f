/**
 * Builds the Teams app package: appPackage/build/sociale-basis.zip.
 *
 *   npx tsx scripts/package-app.ts          # for upload: needs TEAMS_APP_ID and MICROSOFT_APP_ID
 *   npx tsx scripts/package-app.ts --dev    # local validation: missing ids become a dummy GUID
 *
 * Environment:
 *   TEAMS_APP_ID       the Teams app id (a GUID)                       -> ${{TEAMS_APP_ID}}
 *   MICROSOFT_APP_ID   the bot's Microsoft App ID (Azure Bot / Entra)  -> ${{BOT_ID}}
 *   PUBLIC_URL         the bot's public https base URL, e.g. https://bot.gemeente.nl
 *                      -> ${{PUBLIC_URL}} (developer links) and ${{PUBLIC_HOST}} (validDomains).
 *                      When unset, the placeholder https://sociale-basis.example.org is used and a
 *                      warning is printed: set it before uploading the package to Teams.
 *
 * What it checks, all offline, before writing the zip (exit code 1 on any problem):
 *   - manifest.json against the official Teams JSON schema for its manifestVersion, shipped in
 *     @microsoft/app-manifest (build/json-schemas/teams/v<version>/MicrosoftTeams.schema.json),
 *     with the validator configuration of that package's ManifestUtil.validateManifestAgainstSchema
 *     (ajv draft-04 + ajv-formats);
 *   - every localization file against MicrosoftTeams.Localization.schema.json of the same version;
 *   - house rules the schema does not enforce (command titles <= 32 and descriptions <= 128 chars,
 *     <= 10 commands per list, one command list per scope, https links, files at the zip root,
 *     no placeholder left);
 *   - the icons' real pixel sizes from the PNG IHDR (color 192x192, outline 32x32) and that
 *     outline.png has only transparent or white pixels.
 *
 * The checks are exported (validateAppPackage, packageApp) for the tests.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
// The same validator @microsoft/app-manifest uses in ManifestUtil.validateManifestAgainstSchema
// (ajv with the draft-04 dialect + ajv-formats uri/email/regex, allErrors, strictTypes off). That
// helper cannot be imported here: the package's index pulls in strip-bom 5, an ES module, which
// Jest on Node 20 cannot require. ajv, ajv-draft-04 and ajv-formats are its own dependencies.
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { decodePng, readPngHeader, PngError } from './lib/png';

export const APP_DIR = path.resolve(__dirname, '..', 'appPackage');
export const DEFAULT_ZIP = path.join(APP_DIR, 'build', 'sociale-basis.zip');
/** Used by --dev for an id whose environment variable is not set. */
export const DEV_DUMMY_GUID = '00000000-0000-0000-0000-000000000000';
/** Used when PUBLIC_URL is not set (example.org is reserved for documentation, RFC 2606). */
export const PUBLIC_URL_PLACEHOLDER = 'https://sociale-basis.example.org';
/** The oldest manifest version this project accepts. */
export const MIN_MANIFEST_VERSION = '1.22';

/** Limits from Microsoft's app manifest documentation (older schemas enforce them; keep to them). */
export const HOUSE_LIMITS = { commandTitle: 32, commandDescription: 128, commandsPerList: 10 } as const;

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export interface Report {
  errors: string[];
  warnings: string[];
}

/** The package as it will be zipped: the filled manifest plus the files it references, by name. */
export interface AppPackageContents {
  manifest: unknown;
  files: Map<string, Buffer>;
}

export interface PackageOptions {
  /** Folder with manifest.json, the icons and localization files. Default: appPackage/. */
  appDir?: string;
  /** Environment to read the ids and PUBLIC_URL from. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Fill a dummy GUID for ids that are not set. */
  dev?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Placeholders

interface PlaceholderSource {
  describe: string;
  resolve(env: NodeJS.ProcessEnv, dev: boolean, report: Report): string | undefined;
}

function guidFromEnv(variable: string, what: string) {
  return (env: NodeJS.ProcessEnv, dev: boolean, report: Report): string | undefined => {
    const value = env[variable]?.trim();
    if (!value) {
      if (dev) return DEV_DUMMY_GUID;
      report.errors.push(
        `${variable} is not set. Set it to ${what}, or run with --dev to fill the dummy id ${DEV_DUMMY_GUID} for local validation.`,
      );
      return undefined;
    }
    if (!GUID.test(value)) {
      report.errors.push(`${variable} must be a GUID like 01234567-89ab-cdef-0123-456789abcdef, got '${value}'.`);
      return undefined;
    }
    return value;
  };
}

const pushOnce = (list: string[], message: string): void => {
  if (!list.includes(message)) list.push(message);
};

/** PUBLIC_URL, checked; used by two placeholders, so each message is recorded once. */
function publicUrl(env: NodeJS.ProcessEnv, report: Report): URL | undefined {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) {
    pushOnce(
      report.warnings,
      `PUBLIC_URL is not set: using the placeholder ${PUBLIC_URL_PLACEHOLDER} for the developer links and validDomains. Set PUBLIC_URL to the bot's public https address before uploading to Teams.`,
    );
    return new URL(PUBLIC_URL_PLACEHOLDER);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    pushOnce(report.errors, `PUBLIC_URL is not a valid URL: '${raw}'.`);
    return undefined;
  }
  if (url.protocol !== 'https:') {
    pushOnce(report.errors, `PUBLIC_URL must start with https:// (Teams needs https links), got '${raw}'.`);
    return undefined;
  }
  if (url.search || url.hash || url.username || url.password) {
    pushOnce(report.errors, `PUBLIC_URL must be a plain base address without query, fragment or credentials, got '${raw}'.`);
    return undefined;
  }
  return url;
}

const PLACEHOLDERS: Record<string, PlaceholderSource> = {
  TEAMS_APP_ID: { describe: 'env TEAMS_APP_ID', resolve: guidFromEnv('TEAMS_APP_ID', 'the Teams app id (a GUID)') },
  BOT_ID: {
    describe: 'env MICROSOFT_APP_ID',
    resolve: guidFromEnv('MICROSOFT_APP_ID', "the bot's Microsoft App ID, a GUID (the Entra app registration behind the Azure Bot)"),
  },
  PUBLIC_URL: {
    describe: 'env PUBLIC_URL',
    resolve: (env, _dev, report) => publicUrl(env, report)?.href.replace(/\/+$/, ''),
  },
  PUBLIC_HOST: {
    describe: 'host of env PUBLIC_URL',
    resolve: (env, _dev, report) => publicUrl(env, report)?.hostname,
  },
};

/**
 * Replace every ${{NAME}} in a JSON text. Errors name the environment variable to set.
 * Values are JSON-escaped, since placeholders sit inside JSON strings.
 */
export function fillPlaceholders(
  text: string,
  fileName: string,
  options: { env?: NodeJS.ProcessEnv; dev?: boolean } = {},
  report: Report = { errors: [], warnings: [] },
): { text: string; report: Report } {
  const env = options.env ?? process.env;
  const dev = options.dev ?? false;
  const cache = new Map<string, string | undefined>();
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    const source = PLACEHOLDERS[name];
    if (!source) {
      if (!cache.has(name)) {
        report.errors.push(
          `${fileName} uses the placeholder ${whole}, which this script does not fill (known: ${Object.keys(PLACEHOLDERS).join(', ')}).`,
        );
        cache.set(name, undefined);
      }
      return whole;
    }
    if (!cache.has(name)) cache.set(name, source.resolve(env, dev, report));
    const value = cache.get(name);
    return value === undefined ? whole : JSON.stringify(value).slice(1, -1);
  });
  return { text: filled, report };
}

// ---------------------------------------------------------------------------------------------
// Schemas (offline, from @microsoft/app-manifest)

export function schemaRoot(): string {
  const pkgJson = require.resolve('@microsoft/app-manifest/package.json');
  return path.join(path.dirname(pkgJson), 'build', 'json-schemas', 'teams');
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The Teams manifest versions whose schemas @microsoft/app-manifest ships, oldest first. */
export function availableManifestVersions(): string[] {
  return readdirSync(schemaRoot())
    .filter((d) => /^v\d+\.\d+$/.test(d))
    .map((d) => d.slice(1))
    .sort(compareVersions);
}

interface LoadedSchema {
  path: string;
  schema: Record<string, unknown>;
}

function loadSchema(version: string, file: string): LoadedSchema | undefined {
  const p = path.join(schemaRoot(), `v${version}`, file);
  if (!existsSync(p)) return undefined;
  return { path: p, schema: JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown> };
}

/**
 * Escape `]` and `}` that stand outside a character class in a regular expression source. Without
 * the `u` flag they mean a literal character; with it (ajv compiles patterns with `u`) they are a
 * syntax error. The shipped localization schemas have such patterns
 * (`...activityTypes\[\b(...)\b]\.description$`); escaping keeps their meaning.
 */
export function escapeLoneBrackets(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      out += ch + (source[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']' || ch === '}') {
      // `}` closing a quantifier like {1,8} is fine; only escape a lone one.
      if (ch === '}' && /\{\d+(,\d*)?$/.test(out)) {
        out += ch;
        continue;
      }
      out += '\\' + ch;
      continue;
    }
    out += ch;
  }
  return out;
}

function compilesWithUnicode(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

/** A copy of a schema whose `pattern`s and `patternProperties` keys all compile with the `u` flag. */
export function repairSchemaPatterns<T>(schema: T): T {
  const fix = (p: string): string => (compilesWithUnicode(p) ? p : escapeLoneBrackets(p));
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === 'pattern' && typeof value === 'string') out[key] = fix(value);
      else if (key === 'patternProperties' && value && typeof value === 'object') {
        out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [fix(k), walk(v)]));
      } else out[key] = walk(value);
    }
    return out;
  };
  return walk(schema) as T;
}

const compiled = new Map<string, ReturnType<AjvDraft04['compile']>>();

/** Compile once per schema file; a schema that does not compile throws with the reason. */
function validatorFor(schemaPath: string, schema: Record<string, unknown>): ReturnType<AjvDraft04['compile']> {
  let validate = compiled.get(schemaPath);
  if (!validate) {
    const ajv = new AjvDraft04({ allErrors: true, strictTypes: false });
    addFormats(ajv, ['uri', 'email', 'regex']);
    validate = ajv.compile(schema);
    compiled.set(schemaPath, validate);
  }
  return validate;
}

function schemaErrors(data: unknown, schemaPath: string, schema: Record<string, unknown>, label: string): string[] {
  let validate: ReturnType<AjvDraft04['compile']>;
  try {
    validate = validatorFor(schemaPath, schema);
  } catch (e) {
    return [`${label}: the schema ${schemaPath} could not be compiled: ${(e as Error).message}`];
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map(
    (e) => `${label}: schema: ${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}. Details: ${JSON.stringify(e.params)}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Validation

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A file name the package may reference: a plain name at the zip root. */
function checkRootFileName(name: unknown, field: string, errors: string[]): name is string {
  if (typeof name !== 'string' || name.length === 0) {
    errors.push(`manifest.json: ${field} must name a file.`);
    return false;
  }
  if (name.includes('/') || name.includes('\\') || name === '.' || name === '..') {
    errors.push(`manifest.json: ${field} is '${name}': files must sit at the root of the package, without folders.`);
    return false;
  }
  return true;
}

interface CommandRef {
  list: number;
  index: number;
  title: unknown;
  description: unknown;
}

function commandsOf(manifest: Record<string, unknown>): CommandRef[] {
  const refs: CommandRef[] = [];
  const bots = Array.isArray(manifest.bots) ? manifest.bots : [];
  const bot = bots[0];
  if (!isObject(bot) || !Array.isArray(bot.commandLists)) return refs;
  bot.commandLists.forEach((list: unknown, li: number) => {
    if (!isObject(list) || !Array.isArray(list.commands)) return;
    list.commands.forEach((cmd: unknown, ci: number) => {
      if (isObject(cmd)) refs.push({ list: li, index: ci, title: cmd.title, description: cmd.description });
    });
  });
  return refs;
}

function checkCommandText(label: string, key: string, title: unknown, description: unknown, errors: string[]): void {
  if (typeof title === 'string' && title.length > HOUSE_LIMITS.commandTitle) {
    errors.push(`${label}: ${key}.title '${title}' has ${title.length} characters; keep command titles to ${HOUSE_LIMITS.commandTitle}.`);
  }
  if (typeof description === 'string' && description.length > HOUSE_LIMITS.commandDescription) {
    errors.push(
      `${label}: ${key}.description has ${description.length} characters; keep command descriptions to ${HOUSE_LIMITS.commandDescription}.`,
    );
  }
}

function houseRules(manifest: Record<string, unknown>, errors: string[]): void {
  if (typeof manifest.version === 'string' && !SEMVER.test(manifest.version)) {
    errors.push(`manifest.json: version '${manifest.version}' must be a semantic version like 1.0.0.`);
  }

  const developer = manifest.developer;
  if (isObject(developer)) {
    for (const field of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      const v = developer[field];
      if (typeof v === 'string' && !/^https:\/\/[^/\s]+/i.test(v)) {
        errors.push(`manifest.json: developer.${field} must be an https URL, got '${v}'.`);
      }
    }
  }

  const bots = Array.isArray(manifest.bots) ? manifest.bots : [];
  bots.forEach((bot: unknown, bi: number) => {
    if (!isObject(bot)) return;
    const botScopes = Array.isArray(bot.scopes) ? (bot.scopes as unknown[]) : [];
    const seen = new Map<string, number>();
    const lists = Array.isArray(bot.commandLists) ? bot.commandLists : [];
    lists.forEach((list: unknown, li: number) => {
      if (!isObject(list)) return;
      const where = `bots[${bi}].commandLists[${li}]`;
      const scopes = Array.isArray(list.scopes) ? (list.scopes as unknown[]) : [];
      for (const scope of scopes) {
        if (typeof scope !== 'string') continue;
        if (!botScopes.includes(scope))
          errors.push(`manifest.json: ${where} is for scope '${scope}', which the bot does not declare in its scopes.`);
        if (seen.has(scope))
          errors.push(`manifest.json: scope '${scope}' has two command lists (${seen.get(scope)} and ${li}); use one list per scope.`);
        else seen.set(scope, li);
      }
      const commands = Array.isArray(list.commands) ? list.commands : [];
      if (commands.length > HOUSE_LIMITS.commandsPerList) {
        errors.push(`manifest.json: ${where} has ${commands.length} commands; keep to ${HOUSE_LIMITS.commandsPerList} per list.`);
      }
      const titles = new Set<string>();
      commands.forEach((cmd: unknown, ci: number) => {
        if (!isObject(cmd)) return;
        checkCommandText('manifest.json', `${where}.commands[${ci}]`, cmd.title, cmd.description, errors);
        if (typeof cmd.title === 'string') {
          if (titles.has(cmd.title)) errors.push(`manifest.json: ${where} lists the command '${cmd.title}' twice.`);
          titles.add(cmd.title);
        }
      });
    });
  });

  const domains = Array.isArray(manifest.validDomains) ? manifest.validDomains : [];
  for (const d of domains) {
    if (typeof d !== 'string') continue;
    if (/^[a-z]+:\/\//i.test(d) || d.includes('/') || /\s/.test(d) || d === '*' || d.length === 0) {
      errors.push(`manifest.json: validDomains entry '${d}' must be a bare host name such as bot.gemeente.nl (no scheme, no path).`);
    }
  }
}

/** The placeholders still present anywhere in a JSON value. */
function leftoverPlaceholders(value: unknown): string[] {
  const found = new Set<string>();
  for (const m of JSON.stringify(value ?? null).matchAll(PLACEHOLDER)) found.add(m[0]);
  return [...found];
}

function checkLocalization(manifest: Record<string, unknown>, version: string, files: Map<string, Buffer>, errors: string[]): string[] {
  const referenced: string[] = [];
  const info = manifest.localizationInfo;
  if (!isObject(info)) return referenced;
  const entries: { file: unknown; field: string; tag?: unknown }[] = [];
  if (info.defaultLanguageFile !== undefined)
    entries.push({ file: info.defaultLanguageFile, field: 'localizationInfo.defaultLanguageFile' });
  const extra = Array.isArray(info.additionalLanguages) ? info.additionalLanguages : [];
  const tags = new Set<string>();
  extra.forEach((lang: unknown, i: number) => {
    if (!isObject(lang)) return;
    entries.push({ file: lang.file, field: `localizationInfo.additionalLanguages[${i}].file`, tag: lang.languageTag });
    if (typeof lang.languageTag === 'string') {
      const tag = lang.languageTag.toLowerCase();
      if (typeof info.defaultLanguageTag === 'string' && tag === info.defaultLanguageTag.toLowerCase()) {
        errors.push(`manifest.json: additional language '${lang.languageTag}' is the default language.`);
      }
      if (tags.has(tag)) errors.push(`manifest.json: language '${lang.languageTag}' is listed twice.`);
      tags.add(tag);
    }
  });
  if (entries.length === 0) return referenced;

  const loaded = loadSchema(version, 'MicrosoftTeams.Localization.schema.json');
  if (!loaded) errors.push(`@microsoft/app-manifest has no localization schema for manifest version ${version}.`);
  const schema = loaded ? { path: loaded.path, schema: repairSchemaPatterns(loaded.schema) } : undefined;
  const commands = commandsOf(manifest);
  const commandKeys = new Set(
    commands.flatMap((c) => [
      `bots[0].commandLists[${c.list}].commands[${c.index}].title`,
      `bots[0].commandLists[${c.list}].commands[${c.index}].description`,
    ]),
  );

  for (const entry of entries) {
    if (!checkRootFileName(entry.file, entry.field, errors)) continue;
    const name = entry.file;
    referenced.push(name);
    const buf = files.get(name);
    if (!buf) {
      errors.push(`${name}: file is missing (referenced by ${entry.field}).`);
      continue;
    }
    let loc: unknown;
    try {
      loc = JSON.parse(buf.toString('utf8').replace(/^\uFEFF/, ''));
    } catch (e) {
      errors.push(`${name}: not valid JSON: ${(e as Error).message}`);
      continue;
    }
    const left = leftoverPlaceholders(loc);
    if (left.length) errors.push(`${name}: placeholders left unfilled: ${left.join(', ')}.`);
    if (schema) errors.push(...schemaErrors(loc, schema.path, schema.schema, name));
    if (!isObject(loc)) continue;
    if (typeof loc.$schema === 'string' && !loc.$schema.includes(`/v${version}/`)) {
      errors.push(`${name}: $schema points at '${loc.$schema}', not the v${version} localization schema of the manifest.`);
    }
    for (const [key, value] of Object.entries(loc)) {
      const m = /^(bots\[0\]\.commandLists\[\d+\]\.commands\[\d+\])\.(title|description)$/.exec(key);
      if (!m) continue;
      if (!commandKeys.has(key)) {
        errors.push(`${name}: '${key}' translates a command that manifest.json does not have.`);
        continue;
      }
      checkCommandText(name, m[1]!, m[2] === 'title' ? value : undefined, m[2] === 'description' ? value : undefined, errors);
    }
  }
  return referenced;
}

function checkIcon(name: string, field: string, files: Map<string, Buffer>, size: number, outline: boolean, errors: string[]): void {
  const buf = files.get(name);
  if (!buf) {
    errors.push(`${name}: file is missing (referenced by ${field}).`);
    return;
  }
  try {
    const header = readPngHeader(buf);
    if (header.width !== size || header.height !== size) {
      errors.push(`${name}: the image is ${header.width}x${header.height} pixels; ${field} must be ${size}x${size}.`);
    }
    if (!outline) return;
    const image = decodePng(buf);
    let bad = 0;
    let first: string | undefined;
    let visible = 0;
    for (let i = 0; i < image.width * image.height; i++) {
      const [r, g, b, a] = [image.data[i * 4]!, image.data[i * 4 + 1]!, image.data[i * 4 + 2]!, image.data[i * 4 + 3]!];
      if (a === 0) continue;
      visible++;
      if (r !== 255 || g !== 255 || b !== 255) {
        bad++;
        first ??= `(${i % image.width}, ${Math.floor(i / image.width)}) is rgba(${r}, ${g}, ${b}, ${a})`;
      }
    }
    if (bad > 0) {
      errors.push(
        `${name}: the outline icon may only have white or fully transparent pixels; ${bad} pixel(s) are coloured, first at ${first}.`,
      );
    }
    if (visible === 0) errors.push(`${name}: the outline icon is fully transparent.`);
  } catch (e) {
    if (e instanceof PngError) errors.push(`${name}: not a usable PNG: ${e.message}.`);
    else throw e;
  }
}

/**
 * Validate a filled package: the manifest against the official schema of its manifestVersion,
 * localization files against the localization schema, house rules, and the icons.
 * Returns every problem found (empty `errors` means valid).
 */
export async function validateAppPackage(pkg: AppPackageContents): Promise<Report> {
  const errors: string[] = [];
  const warnings: string[] = [];
  const { manifest, files } = pkg;
  if (!isObject(manifest)) return { errors: ['manifest.json: must be a JSON object.'], warnings };

  const left = leftoverPlaceholders(manifest);
  if (left.length) errors.push(`manifest.json: placeholders left unfilled: ${left.join(', ')}.`);

  const version = manifest.manifestVersion;
  const available = availableManifestVersions();
  let schemaVersion: string | undefined;
  if (typeof version !== 'string') {
    errors.push(
      `manifest.json: manifestVersion must be a string such as "${available[available.length - 1]}", got ${JSON.stringify(version)}.`,
    );
  } else if (!available.includes(version)) {
    errors.push(
      `manifest.json: @microsoft/app-manifest ships no Teams schema for manifestVersion "${version}" (available: ${available.join(', ')}).`,
    );
  } else if (compareVersions(version, MIN_MANIFEST_VERSION) < 0) {
    errors.push(`manifest.json: manifestVersion "${version}" is older than ${MIN_MANIFEST_VERSION}, the oldest this project accepts.`);
  } else {
    schemaVersion = version;
  }
  // Still validate against the newest schema when the version is unusable, to report everything.
  const checkVersion = schemaVersion ?? available.filter((v) => compareVersions(v, MIN_MANIFEST_VERSION) >= 0).pop();
  if (checkVersion) {
    const loaded = loadSchema(checkVersion, 'MicrosoftTeams.schema.json');
    if (!loaded) errors.push(`@microsoft/app-manifest has no MicrosoftTeams.schema.json for ${checkVersion}.`);
    else errors.push(...schemaErrors(manifest, loaded.path, loaded.schema, 'manifest.json'));
  }
  if (schemaVersion && typeof manifest.$schema === 'string' && !manifest.$schema.includes(`/v${schemaVersion}/`)) {
    errors.push(`manifest.json: $schema '${manifest.$schema}' does not match manifestVersion ${schemaVersion}.`);
  }

  houseRules(manifest, errors);

  if (checkVersion) checkLocalization(manifest, checkVersion, files, errors);

  const icons = manifest.icons;
  if (isObject(icons)) {
    if (checkRootFileName(icons.color, 'icons.color', errors)) checkIcon(icons.color, 'icons.color', files, 192, false, errors);
    if (checkRootFileName(icons.outline, 'icons.outline', errors)) checkIcon(icons.outline, 'icons.outline', files, 32, true, errors);
    if (icons.color32x32 !== undefined && checkRootFileName(icons.color32x32, 'icons.color32x32', errors)) {
      checkIcon(icons.color32x32, 'icons.color32x32', files, 32, false, errors);
    }
  }
  return { errors, warnings };
}

/** The files the manifest references (icons and localization files), in zip order. */
export function referencedFiles(manifest: unknown): string[] {
  if (!isObject(manifest)) return [];
  const names: string[] = [];
  const add = (v: unknown): void => {
    if (typeof v === 'string' && !names.includes(v)) names.push(v);
  };
  if (isObject(manifest.icons)) {
    add(manifest.icons.color);
    add(manifest.icons.outline);
    add(manifest.icons.color32x32);
  }
  const info = manifest.localizationInfo;
  if (isObject(info)) {
    add(info.defaultLanguageFile);
    if (Array.isArray(info.additionalLanguages)) for (const l of info.additionalLanguages) if (isObject(l)) add(l.file);
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Loading, zipping, CLI

export interface LoadedPackage extends Report {
  pkg?: AppPackageContents;
  /** The filled text of manifest.json and of each JSON file, as it goes into the zip. */
  texts: Map<string, string>;
}

/** Read appPackage/, fill the placeholders, and collect the referenced files. */
export function loadAppPackage(options: PackageOptions = {}): LoadedPackage {
  const appDir = options.appDir ?? APP_DIR;
  const report: Report = { errors: [], warnings: [] };
  const texts = new Map<string, string>();
  const manifestPath = path.join(appDir, 'manifest.json');
  if (!existsSync(manifestPath)) return { ...report, errors: [`manifest.json not found in ${appDir}.`], texts };

  const filled = fillPlaceholders(readFileSync(manifestPath, 'utf8'), 'manifest.json', options, report).text;
  texts.set('manifest.json', filled);
  let manifest: unknown;
  try {
    manifest = JSON.parse(filled.replace(/^\uFEFF/, ''));
  } catch (e) {
    report.errors.push(`manifest.json: not valid JSON: ${(e as Error).message}`);
    return { ...report, texts };
  }

  const files = new Map<string, Buffer>();
  for (const name of referencedFiles(manifest)) {
    // Names with folders are reported by the validation; never read outside appDir.
    if (name.includes('/') || name.includes('\\') || name === '..' || name === '.') continue;
    const p = path.join(appDir, name);
    if (!existsSync(p)) continue; // reported as missing by the validation
    if (name.toLowerCase().endsWith('.json')) {
      const text = fillPlaceholders(readFileSync(p, 'utf8'), name, options, report).text;
      texts.set(name, text);
      files.set(name, Buffer.from(text, 'utf8'));
    } else {
      files.set(name, readFileSync(p));
    }
  }
  return { ...report, pkg: { manifest, files }, texts };
}

/** The zip: manifest.json and every referenced file, all at the root. */
export async function buildZip(texts: Map<string, string>, pkg: AppPackageContents): Promise<Buffer> {
  const zip = new JSZip();
  // A fixed date keeps the zip byte-identical for identical input.
  const date = new Date(Date.UTC(2025, 0, 1));
  zip.file('manifest.json', texts.get('manifest.json') ?? JSON.stringify(pkg.manifest, null, 2), { date });
  for (const name of referencedFiles(pkg.manifest)) {
    const buf = pkg.files.get(name);
    if (buf) zip.file(name, buf, { date });
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'DOS' });
}

export interface PackageResult extends Report {
  ok: boolean;
  outFile?: string;
  manifest?: unknown;
}

/** Fill, validate and (only when valid) write the zip. */
export async function packageApp(options: PackageOptions & { outFile?: string } = {}): Promise<PackageResult> {
  const loaded = loadAppPackage(options);
  const errors = [...loaded.errors];
  const warnings = [...loaded.warnings];
  // Missing or malformed settings first: schema errors about unfilled placeholders would only repeat them.
  if (!loaded.pkg || errors.length > 0) return { ok: false, errors, warnings, manifest: loaded.pkg?.manifest };
  const validation = await validateAppPackage(loaded.pkg);
  errors.push(...validation.errors);
  warnings.push(...validation.warnings);
  if (errors.length > 0) return { ok: false, errors, warnings, manifest: loaded.pkg.manifest };
  const outFile = options.outFile ?? DEFAULT_ZIP;
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, await buildZip(loaded.texts, loaded.pkg));
  return { ok: true, errors, warnings, outFile, manifest: loaded.pkg.manifest };
}

const USAGE = `Usage: npx tsx scripts/package-app.ts [--dev] [--out FILE]

Fills appPackage/manifest.json, validates it offline against the Teams schema from
@microsoft/app-manifest, checks the icons and writes ${path.relative(process.cwd(), DEFAULT_ZIP) || DEFAULT_ZIP}.

  --dev       fill the dummy GUID ${DEV_DUMMY_GUID} for TEAMS_APP_ID / MICROSOFT_APP_ID when unset
  --out FILE  write the zip somewhere else

Environment: TEAMS_APP_ID, MICROSOFT_APP_ID, PUBLIC_URL (https base URL of the bot).`;

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  let dev = false;
  let outFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--dev') dev = true;
    else if (arg === '--out') {
      const v = argv[++i];
      if (!v) {
        console.error('package-app: --out needs a file name.');
        return 2;
      }
      outFile = path.resolve(v);
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return 0;
    } else {
      console.error(`package-app: unknown argument '${arg}'.\n\n${USAGE}`);
      return 2;
    }
  }

  const result = await packageApp({ dev, ...(outFile ? { outFile } : {}) });
  for (const w of result.warnings) console.warn(`warning: ${w}`);
  if (!result.ok) {
    console.error(`package-app: the app package is not valid (${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}):`);
    for (const e of result.errors) console.error(`  - ${e}`);
    return 1;
  }
  const m = result.manifest as Record<string, unknown>;
  console.log(
    `package-app: manifest ${String(m.manifestVersion)} is valid${dev ? ' (dev mode)' : ''}; wrote ${path.relative(process.cwd(), result.outFile!) || result.outFile}`,
  );
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`package-app: ${(e as Error).stack ?? String(e)}`);
      process.exit(1);
    },
  );
}
