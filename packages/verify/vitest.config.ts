import { defineConfig } from "vitest/config";
import { suiteConfig } from "../../vitest.shared.mjs";

export default defineConfig(suiteConfig({ mock: true }));
