/** Where generated agents live: their files under {@code data/} and their bundles in the framework. */
package dev.autonomy.creator.deploy;
