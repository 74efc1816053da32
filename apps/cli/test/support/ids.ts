/** Zuora's published example ids, which the mock's examples use. */
export const RUN_ID = "ff808081529f4e3401529fd61f080074";
export const REPORT_ID = "ff808081529f4e3401529fd373730070";
