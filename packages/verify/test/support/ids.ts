/** Zuora's published example ids, which the mock's examples use. */
export const RUN_ID = "ff808081529f4e3401529fd61f080074";
export const REPORT_ID = "ff808081529f4e3401529fd373730070";

/** A run of the report above in `status`, as Zuora's published example shows one. */
export const runIn = (status: string) => ({
  id: RUN_ID,
  reportId: REPORT_ID,
  reportType: "Detail",
  status,
  startedOn: 1453166692000,
  updatedOn: 1453166695000,
});
