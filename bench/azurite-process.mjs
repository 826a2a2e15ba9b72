// Azurite in its own process for the benchmark; sends its connection string to the parent.
import { startAzurite } from '../scripts/lib/azurite.mjs';
const azurite = await startAzurite({ inMemory: true });
process.send(azurite.connectionString);
process.on('disconnect', () => azurite.stop().then(() => process.exit(0)));
process.on('SIGTERM', () => azurite.stop().then(() => process.exit(0)));
