/** Capabilities asked for that nobody offers: the creator's creation opportunities, each with a typed status. */
package dev.autonomy.creator.gap;
