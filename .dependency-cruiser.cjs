// The import graph's rules, checked by `pnpm run lint:imports` (a stage of `npm test`).
// Layers, lowest first: packages/domain, packages/doc, packages/protocol (pure, shared by app and server);
// then app/ and sync-server/, which never import each other. Inside the app: lib/ and data/ are the
// bottom, components/ may use them, routes/ assemble components. A lower layer never imports a higher
// one, and no module reaches itself through its imports (a circle hides the order things start in).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: move the shared piece to a module both sides can import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      severity: 'error',
      comment:
        'Two folders that import each other (a feature folder using another feature folder that uses it back): move the shared piece out of both.',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-packages-stay-below',
      severity: 'error',
      comment: 'domain, doc and protocol are shared by app and server: they import neither.',
      from: { path: '^packages/' },
      to: { path: '^(app|sync-server|e2e|scripts)/' },
    },
    {
      name: 'domain-is-the-bottom',
      severity: 'error',
      comment: 'The domain is pure: it knows no document layout, contract, app or server.',
      from: { path: '^packages/domain/' },
      to: { path: '^packages/(doc|protocol)/' },
    },
    {
      name: 'app-and-server-apart',
      severity: 'error',
      comment: 'App and server share only the packages under packages/.',
      from: { path: '^app/' },
      to: { path: '^sync-server/' },
    },
    {
      name: 'server-and-app-apart',
      severity: 'error',
      comment: 'App and server share only the packages under packages/.',
      from: { path: '^sync-server/' },
      to: { path: '^app/' },
    },
    {
      name: 'app-lower-layers-know-no-components',
      severity: 'error',
      comment:
        'lib/, data/, sync/, state/ and actions/ sit below the screens: they import no component or route.',
      from: { path: '^app/src/(lib|data|sync|state|actions)/' },
      to: { path: '^app/src/(components|routes)/' },
    },
    {
      name: 'components-know-no-routes',
      severity: 'error',
      comment: 'Routes assemble components; a component imports no route.',
      from: { path: '^app/src/components/' },
      to: { path: '^app/src/(routes|router\\.tsx|app\\.tsx|main\\.tsx)' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing.',
      from: {},
      // Vite's virtual modules (the PWA plugin's) exist only inside the bundler.
      to: { couldNotResolve: true, pathNot: '^virtual:' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|coverage|test-results|playwright-report)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.imports.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
