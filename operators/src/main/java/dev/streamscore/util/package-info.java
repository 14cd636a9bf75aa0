/**
 * Small helpers shared by the engine and the job: {@link dev.streamscore.util.EnumNames} (enum
 * names users type), {@link dev.streamscore.util.Excerpt} (long texts and lists cut for messages),
 * {@link dev.streamscore.util.JsonErrors} (Jackson's errors worded for users) and
 * {@link dev.streamscore.util.Heap} (what the heap can still give).
 */
package dev.streamscore.util;
