export { parseChangeset, readPendingBumps } from "./changesets.js";
export { type ChangeLevel, classifyChanges, highestLevel, type OpenApiDocument, type SpecChange } from "./classify.js";
export { checkGate, type GateInput, type GateResult, requiredBump } from "./gate.js";
export { runSpecDiff, type SpecDiffOptions, type SpecDiffOutcome } from "./run.js";
export { type BumpLevel, bumpBetween } from "./semver.js";
export { reachedBySpec, readWorkspace, type WorkspacePackage } from "./workspace.js";
