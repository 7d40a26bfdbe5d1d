/** Model files: a model and its JSON sidecar, written atomically and read back through an allow-list. */
package org.jtrain.train.files;
