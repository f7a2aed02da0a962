export declare function findChromium(): string | null;
export declare function chromiumHelp(): string;
export declare const CHROMIUM_ARGS: string[];
