/** How well a model does on a table it was not trained on, as typed reports with their charts. */
package org.jtrain.train.evaluate;
