// Reports as files: the tables, the CSV and XLSX writers, and the one entry both the API and the
// command line use.
export * from './table';
export * from './csv';
export * from './write-csv';
export * from './write-xlsx';
export * from './export-tables';
export * from './export-file';
