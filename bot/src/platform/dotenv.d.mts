export declare class DotenvError extends Error {}
export declare function parseDotenv(text: string, label?: string): Record<string, string>;
