/** The record of training runs, in MLflow's file-store layout. */
package org.jtrain.train.runs;
