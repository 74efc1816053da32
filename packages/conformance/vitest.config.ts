import { defineConfig } from "vitest/config";
import { suiteConfig } from "../../vitest.shared.js";

export default defineConfig(suiteConfig());
