/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The exam being rendered, set by the exam page so the MDX wrappers can find their data. */
    exam?: import('@i2dl/exams').ExtractedExam;
  }
}
