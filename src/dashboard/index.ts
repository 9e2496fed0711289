export { DashboardOptionError, RunsDirError } from './errors.js';
export type { DashboardHandle, DashboardOptions } from './http-server.js';
export type { RunInfo, RunSummary } from './run-source.js';
export { CONTENT_SECURITY_POLICY } from './security.js';
export { type LiveDashboardOptions, serveDashboard } from './serve-dashboard.js';
export { serveRunsDashboard } from './serve-runs.js';
export type { ClientStats } from './sse-client.js';
