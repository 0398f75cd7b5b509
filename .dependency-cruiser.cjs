// The import rules of docs/architecture.md, checked by `npm test` (scripts/run-tests.mjs --checks).
// Paths are regular expressions over paths from the repository root.

/** Shared plumbing and pure libraries (text matching, the classifier): they know no feature. */
const PLUMBING = '(http|db|outbox|metrics|shared|config|logging|i18n|text|classifier|browser|generated)';
/** The files that put the application together; only main.ts may import them. */
const COMPOSITION = '^src/(main|app|delivery-worker|first-run)[.]ts$';
/** Code bundled for the browser. */
const BROWSER_CODE = '^src/[^/]+/client/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: neither can be understood, tested or moved alone.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'plumbing-knows-no-feature',
      severity: 'error',
      comment: 'http/, db/, outbox/, metrics/, shared/ and the other plumbing serve every feature, so none of them may depend on one.',
      from: { path: `^src/${PLUMBING}/` },
      to: { path: '^src/', pathNot: `^src/${PLUMBING}/` },
    },
    {
      name: 'no-other-feature-repository',
      severity: 'error',
      comment: "Features use each other through services; another feature's repository is its private business.",
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/.+[.]repository[.]ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'routes-only-in-the-app',
      severity: 'error',
      comment: 'Routers are mounted by createApp (src/app.ts); nothing else builds on a route module.',
      from: { pathNot: '^src/app[.]ts$' },
      to: { path: '[.]routes[.]ts$' },
    },
    {
      name: 'repositories-point-down',
      severity: 'error',
      comment: 'routes -> services -> repositories -> db: a repository calls no service and no route.',
      from: { path: '[.]repository[.]ts$' },
      to: { path: '[.](service|routes)[.]ts$' },
    },
    {
      name: 'services-point-down',
      severity: 'error',
      comment: 'routes -> services -> repositories -> db: a service never reaches back up to a router.',
      from: { path: '[.]service[.]ts$' },
      to: { path: '[.]routes[.]ts$' },
    },
    {
      name: 'prisma-only-in-the-data-layer',
      severity: 'error',
      comment: 'The generated Prisma clients are used by db/ and repositories; others take row types from db/models.ts.',
      from: { path: '^src/', pathNot: '^src/(db|generated)/|[.]repository[.]ts$' },
      to: { path: '^src/generated/' },
    },
    {
      name: 'pipeline-rules-are-pure',
      severity: 'error',
      comment: 'Moderation rules see only what was gathered for them (text matching and the classifier are pure too): no I/O, no clock, no configuration, no database.',
      from: { path: '^src/pipeline/' },
      to: { path: '^src/', pathNot: '^src/(pipeline|text|classifier|shared|settings/policy[.]ts$)' },
    },
    {
      name: 'pure-code-does-no-io',
      severity: 'error',
      comment: 'Text matching, the classifier and the moderation rules are pure functions: Node built-ins (files, network, crypto) stay out.',
      from: { path: '^src/(pipeline|text|classifier)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'composition-only-from-main',
      severity: 'error',
      comment: 'main.ts wires the app, the delivery worker and the first run together; nothing else depends on that wiring.',
      from: { pathNot: '^src/main[.]ts$' },
      to: { path: COMPOSITION },
    },
    {
      name: 'browser-code-takes-only-types-from-the-server',
      severity: 'error',
      comment: 'Bundled browser code may share types, the message catalogue and pure helpers, never server modules.',
      from: { path: BROWSER_CODE },
      to: {
        path: '^src/',
        pathNot: `${BROWSER_CODE}|^src/(browser|i18n/messages[.]ts$|shared/text-checks[.]ts$|moderators/password-rules[.]ts$)`,
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', '^src/generated/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Packages that only declare `exports` (altcha-lib) resolve through their import or types conditions.
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'], exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'] },
  },
};
