/** Reading documents from files for bulk ingestion. */
package io.quarry.server.ingest;
