import { defineConfig } from "vitest/config";
import { suiteConfig } from "../../vitest.shared.js";

export default defineConfig(suiteConfig({ mock: true, timeoutMs: 30_000 }));
