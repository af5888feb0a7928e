export { buildExportTable, codesFor, labelOf, type ExportTable, type ExportVariable, type ExportValue, type ExportOptions, type ValueCode, type VariableKind } from './variables';
export { exportCsv, tableToCsv, codebookToCsv, type CsvOptions } from './csv';
export { exportXlsx, tableToXlsx, XLSX_SHEETS, type XlsxOptions } from './xlsx';
export { exportSpss, tableToSpss, spssString, truncateBytes, type SpssOptions } from './spss';
export { exportR, tableToR, rString, type ROptions } from './r';
export { exportJson, JSON_EXPORT_FORMAT, type JsonExportOptions } from './json';
