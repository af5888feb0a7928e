/**
 * Common first names in the Netherlands, across generations and backgrounds (Dutch, Frisian,
 * Moroccan-Dutch, Turkish-Dutch, Surinamese-/Antillean-Dutch, and newer groups). Written in their
 * usual capitalised spelling, NFC. Not exhaustive: unknown names are found through context rules.
 */
const DUTCH_GIRLS = `
Ada Agnes Alice Amber Amy Angela Anita Anja Anke Anna Anne Anneke Annemarie Annet Annette Anouk Astrid
Bea Beatrix Bente Bernadette Bianca Birgit Bo Brenda Britt Carla Carolien Caroline Cato Charlotte Chantal
Christel Cindy Claudia Cor Corine Corrie Daphne Debby Demi Diana Dianne Dina Dorien Dominique Ellen Elise
Elisa Elisabeth Els Elske Elsbeth Emma Esmee Esmée Esther Eva Evelien Evi Fenna Femke Fien Fleur Floor
Floortje Froukje Gerda Geertje Greet Hanna Hannah Hanneke Hannie Heleen Helen Hester Hilde Ilse Inge
Ingrid Iris Isa Isabel Isabella Isabelle Ivy Jacqueline Jade Janna Janneke Jantine Jasmijn Jenny Jessica
Jet Jette Joke Jolanda Josephine Joyce Judith Julia Julie Juliette Karin Kim Kirsten Klaartje Lana Laura
Lauren Lea Leonie Lieke Liesbeth Linda Lindsey Lisa Lisanne Liv Lize Lizzy Loes Lot Lotte Louise Lucy Luna
Lynn Maaike Madelief Manon Margot Margriet Maria Marieke Mariëlle Marije Marijke Marja Marleen Marloes
Marlies Marta Martine Maud Meike Merel Mila Milou Mirjam Monique Myrthe Nadine Naomi Nathalie Nicole Nienke
Noa Noor Nora Olivia Patricia Petra Pien Puck Renate Renée Ria Rianne Riet Rosa Rosalie Roos Sandra Sanne
Saar Sara Sarah Saskia Silvia Simone Sofie Sophie Sterre Suzanne Tamara Tess Tessa Thirza Tineke Trijntje
Truus Vera Veerle Wendy Wilma Yfke Yvonne Zoë Zoey Eline Elin Ella Maya Mia Nina Marianne Mieke Henny Yasmin
`;
const DUTCH_BOYS = `
Aad Adam Adriaan Albert Alexander Arjen Arie Arjan Arnold Arthur Bart Bas Bastiaan Ben Benjamin Bert Bob
Boris Bram Casper Cees Chris Christiaan Daan Daniel Daniël David Dennis Dick Dirk Dylan Edwin Erik Ernst
Evert Fabian Finn Floris Frank Frans Freek Gerard Gerrit Gert Gijs Guus Hans Harm Harry Hein Hendrik Henk
Herman Huib Hugo Ivo Jaap Jacob Jakob Jan Jasper Jelle Jelmer Jens Jeroen Jesse Jim Job Joep Johan Johannes
Jonas Joost Joris Jort Joshua Julian Jur Jurre Justin Kees Kevin Klaas Koen Lars Lennard Leo Levi Liam
Lucas Luc Luuk Maarten Marcel Mark Martijn Marco Mats Matthijs Max Maarten Mees Melle Michael Michiel Mike
Milan Nick Niels Noah Olaf Olivier Owen Patrick Paul Pepijn Peter Piet Pieter Pim Quinten Raymond Remco
Rens Richard Rick Rik Rob Robbert Robin Roel Ruben Rutger Ryan Sam Sander Sebastiaan Sem Siem Simon Sjoerd
Stan Stefan Steven Sven Teun Thijs Thomas Tijn Ties Tim Tobias Tom Tijmen Twan Vincent Wesley Wessel Wim
Willem Wouter Wout Xander Yannick Youri Tygo Boaz Sepp Morris Thijmen Gijsbert Jurgen Ferdi
`;
const MOROCCAN_DUTCH = `
Abdel Abdelkader Abdelaziz Abdellah Abderrahim Adil Ahmed Aicha Aisha Ali Amal Amin Amine Amira Anas Anouar
Asmae Ayoub Aya Badr Bilal Bouchra Chaima Dounia Driss Fadoua Fatima Fatiha Farid Hafsa Hajar Hakim Hamid
Hamza Hanan Hassan Hicham Houda Ibrahim Ikram Ilham Ilias Ilyas Imane Imran Ismail Jamal Kaoutar Karim
Khadija Latifa Loubna Malika Meryem Mohamed Mohammed Mohammad Mounir Mustapha Nadia Naima Najat Nassim Nora
Nordin Nouhaila Omar Oussama Rachid Rayan Redouan Rida Safae Salma Samira Sanae Soufiane Souad Sofia Tarik
Wafae Walid Yassine Yasmina Yassin Yousra Youssef Zakaria Zineb Zohra
`;
const TURKISH_DUTCH = `
Ahmet Arda Ayşe Aylin Baran Berat Berkay Burak Büşra Cem Cengiz Deniz Derya Ebru Ece Elif Emine Emir Emre
Esra Eylül Fatma Gül Gülşen Hakan Halil Hatice Hüseyin Irem İrem Kemal Kerem Leyla Mehmet Melek Melike Merve
Mert Murat Mustafa Necla Nur Nurcan Ömer Orhan Osman Özlem Recep Selin Serkan Sevgi Tuba Tuğba Ufuk Yasemin
Yusuf Zehra Zeynep
`;
const SURINAMESE_ANTILLEAN_DUTCH = `
Anil Ashwin Chandra Cheryl Darryl Denzel Dewi Dwayne Gianni Giovanni Gracia Gregory Gilliano Jairo Jeandro
Jermaine Jurensley Kavita Kenneth Lakshmi Marvin Melvin Milano Nikita Priya Quincy Radjesh Rajesh Ravi
Ricardo Romano Romeo Roshni Shanella Shanti Shaquille Sharon Shirley Shurandy Sunita Sylvana Tyrone Urvashi
Xaviera
`;
/** More common names of the parents' and grandparents' generations and of today's children. */
const MORE = `
Alexandra Annelies Annemiek Annemieke Antoinette Carolina Cornelia Danielle Daniëlle Desiree Desirée Dorothea Elly
Erica Esmeralda Fenne Francien Gabriëlle Geertruida Gerdien Hendrika Henriëtte Ineke Irene Jacoba Janine Jeanette
Jessie Jessy Johanna Josine Karlijn Kelly Lidewij Lieve Liza Lonneke Mandy Margreet Marian Mariska Marjolein Marloes
Melanie Michelle Miranda Moniek Natasja Nienke Patty Priscilla Rachel Romy Roosmarijn Samantha Sabine Sharon Sigrid
Sophia Stephanie Tanja Teuntje Wendela Willemijn Yvette Ilona Jolien Jolijn Kayleigh Chayenne Shanna Lindsay Yentl
Anton Arno Bjorn Björn Bouke Cas Coen Dave Diederik Dion Donny Erwin Ferry Gerben Gerjan Gertjan Gijsbert Glenn Guido
Hidde Jop Jorrit Jordy Kay Lennart Lex Luuc Marnix Mathijs Menno Micha Mick Nando Nigel Orlando Pascal Quinn Randy
Reinier Rinus Roy Rudi Ruud Sietse Sjaak Stijn Sybren Tijs Tycho Vince Ward Wiebe Wilco Yorick Zeger Joey Jordi
Noud Olaf Pelle Dani Rens Jens Senna Fay Floor Isis Jinthe Lola Lizzy Mette Nikki Tara Yasmine
`;
const OTHER = `
Abdi Abdullah Adnan Agnieszka Ahmad Amina Aziz Filimon Hiba Hodan Jakub Kacper Layla Mariam Maryam Nour
Rania Samir Semhar Senait Tomasz Yara Yonas Zuzanna Luca Lina Sami Sem Jayden Jaylinn Nova Yfke
`;

/** All first names (deduplicated), NFC. */
export const FIRST_NAMES: ReadonlySet<string> = new Set(
  [DUTCH_GIRLS, DUTCH_BOYS, MORE, MOROCCAN_DUTCH, TURKISH_DUTCH, SURINAMESE_ANTILLEAN_DUTCH, OTHER]
    .join(' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((n) => n.normalize('NFC')),
);

/**
 * First names that are also ordinary Dutch words ("ben", "roos", "merel", "job", "lot"…). At the start
 * of a sentence they are only taken as a name when a surname follows.
 */
export const AMBIGUOUS_FIRST_NAMES: ReadonlySet<string> = new Set(
  'Ben Bo Floor Fleur Iris Jade Job Lot Mark Mees Merel Noor Pien Roos Sterre Wil Nova Luna Amber Cor Hein Puck Vera Rosa Dewi Max Rob Frank Els Bas'.split(' '),
);
