// Preloaded (`node --require`) into a code-server without `--vscode-option` (smokeDriver.ts): adds VS
// Code's `enable-smoke-test-driver` flag to code-server's option table before code-server parses its
// command line. The module is the one code-server itself then loads (Node caches it by path).
const cli = process.env.FLIGHTHUB_CODE_SERVER_CLI;
if (cli !== undefined && cli !== '') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const table = (require(cli) as { options: Record<string, unknown> }).options;
  table['enable-smoke-test-driver'] = { type: 'boolean', description: "VS Code's smoke-test driver." };
}
