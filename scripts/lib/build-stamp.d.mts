export declare const BUILD_INPUTS: readonly string[];
export declare function isStale(root: string, stamp: string, inputs?: readonly string[]): boolean;
export declare function writeStamp(stamp: string): void;
