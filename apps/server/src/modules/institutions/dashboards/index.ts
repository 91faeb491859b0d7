// Dashboards: event-fed aggregates of enrolment, attendance, grades and activity per institution
// (consumer group `dashboards`), and the role-shaped dashboard read from them.
export { DASHBOARD_EVENT_TYPES, dashboardsConsumer } from './dashboards.consumer.ts';
export { dashboardsMigrations } from './dashboards.migrations.ts';
export { dashboardsRoutes } from './dashboards.routes.ts';
export { createDashboardsService, type DashboardsService } from './dashboards.service.ts';
