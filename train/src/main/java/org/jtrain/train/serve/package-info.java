/** A model's predictions over HTTP, with input checked against its features. */
package org.jtrain.train.serve;
