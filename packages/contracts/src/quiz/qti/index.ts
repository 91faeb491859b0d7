// QTI 2.1 / 3.0 import and export of questions: single items and zip packages with a manifest.
export { exportQtiItem, importQtiItem, type QtiVersion, qtiIdentifier, questionIdFrom, TOOL_NAME } from './item.ts';
export { exportQtiPackage, importQtiPackage, type QtiImportResult, qtiManifest } from './package.ts';
export { QtiError } from './xml.ts';
