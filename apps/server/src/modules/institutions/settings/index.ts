// Institution settings beyond the profile: the grading scale and the logo (the brand colour is a
// profile field, checked and saved by the institutions service).
export { createGradingScaleService, type GradingScaleService, readGradingScale } from './grading-scale.service.ts';
export { createLogoService, type LogoService } from './logo.service.ts';
export { settingsMigrations } from './settings.migrations.ts';
export { settingsRoutes } from './settings.routes.ts';
