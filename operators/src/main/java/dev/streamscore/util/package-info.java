/** Small helpers shared by the engine and the job: {@link dev.streamscore.util.EnumNames}. */
package dev.streamscore.util;
